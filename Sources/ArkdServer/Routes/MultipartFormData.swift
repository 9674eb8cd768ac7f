import Foundation

/// A `multipart/form-data` body (RFC 7578), as `POST /v1/jobs` takes a description with the input
/// files its submitter uploads.
///
/// The body is already bounded by the request size limit, so it is parsed whole; every malformed
/// part is a 400 that says what was expected, never a crash.
struct MultipartFormData {
    struct Part {
        /// The form field name (`description` for the job description).
        var name: String
        /// Present for file parts: the submitter's path the description names.
        var filename: String?
        var body: ArraySlice<UInt8>
    }

    var parts: [Part]

    /// The boundary of a `multipart/form-data` content type, nil for any other type.
    static func boundary(ofContentType contentType: String) throws(APIError) -> String? {
        let fields = HeaderParameters(contentType)
        guard fields.value.lowercased() == "multipart/form-data" else { return nil }
        guard let boundary = fields.parameters["boundary"], (1...70).contains(boundary.utf8.count) else {
            throw APIError.badRequest("multipart/form-data needs a boundary parameter of 1 to 70 characters")
        }
        return boundary
    }

    init(parsing body: [UInt8], boundary: String) throws(APIError) {
        let delimiter = Array(("--" + boundary).utf8)
        let separator = Array(("\r\n--" + boundary).utf8)
        guard var cursor = Self.find(delimiter, in: body, from: 0) else {
            throw APIError.badRequest("the multipart body holds no '--\(boundary)' delimiter")
        }
        cursor += delimiter.count
        parts = []
        while true {
            if body[cursor...].starts(with: Array("--".utf8)) { return }
            guard body[cursor...].starts(with: [13, 10]) else {
                throw APIError.badRequest("a multipart delimiter must be followed by CRLF or '--'")
            }
            cursor += 2
            guard let headerEnd = Self.find([13, 10, 13, 10], in: body, from: cursor) else {
                throw APIError.badRequest("part \(parts.count + 1) of the multipart body has no end of headers (CRLF CRLF)")
            }
            let headers = String(decoding: body[cursor..<headerEnd], as: UTF8.self)
            let start = headerEnd + 4
            guard let end = Self.find(separator, in: body, from: start) else {
                throw APIError.badRequest("part \(parts.count + 1) of the multipart body is not closed by a delimiter")
            }
            parts.append(try Self.part(headers: headers, body: body[start..<end], index: parts.count + 1))
            cursor = end + separator.count
        }
    }

    private static func part(headers: String, body: ArraySlice<UInt8>, index: Int) throws(APIError) -> Part {
        for line in headers.split(separator: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else {
                throw APIError.badRequest("part \(index): header line '\(line)' has no ':'")
            }
            guard line[..<colon].trimmingCharacters(in: .whitespaces).lowercased() == "content-disposition" else { continue }
            let disposition = HeaderParameters(String(line[line.index(after: colon)...]))
            guard disposition.value.lowercased() == "form-data", let name = disposition.parameters["name"] else {
                throw APIError.badRequest("part \(index): Content-Disposition must be form-data with a name")
            }
            return Part(name: name, filename: disposition.parameters["filename"], body: body)
        }
        throw APIError.badRequest("part \(index) of the multipart body has no Content-Disposition header")
    }

    /// The first index of `needle` in `haystack` at or after `start`.
    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var index = start
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first, haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
