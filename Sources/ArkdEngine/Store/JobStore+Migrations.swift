import GRDB

extension JobStore {
    /// The schema, one named migration per change, so stores written by older arkd versions open.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: jobs and transitions") { db in
            try db.create(table: JobRecord.databaseTableName) { table in
                table.column("id", .text).primaryKey()
                table.column("clientKey", .text).unique()
                table.column("owner", .text).notNull()
                table.column("queue", .text)
                table.column("state", .text).notNull().indexed()
                table.column("outcome", .jsonText)
                table.column("cancelRequested", .boolean).notNull()
                table.column("stateReason", .text).notNull()
                table.column("language", .text).notNull()
                table.column("description", .jsonText).notNull()
                table.column("descriptionText", .text).notNull()
                table.column("sessionDirectory", .text).notNull()
                table.column("uploadDirectory", .text)
                table.column("executorHandle", .text)
                table.column("accounting", .jsonText)
                table.column("createdAt", .datetime).notNull().indexed()
                table.column("updatedAt", .datetime).notNull()
            }
            try db.create(table: JobTransition.databaseTableName) { table in
                table.autoIncrementedPrimaryKey("sequence")
                table.column("jobID", .text).notNull().indexed()
                    .references(JobRecord.databaseTableName, onDelete: .cascade)
                table.column("fromState", .text)
                table.column("toState", .text).notNull()
                table.column("reason", .text).notNull()
                table.column("at", .datetime).notNull()
            }
        }
        migrator.registerMigration("v2: listing indexes") { db in
            try db.create(index: "job_on_owner", on: JobRecord.databaseTableName, columns: ["owner"])
            try db.create(index: "job_on_queue", on: JobRecord.databaseTableName, columns: ["queue"])
        }
        return migrator
    }
}
