/** Opening the database, its dialect and its transactions. */
export { createDataSource, openDatabase } from "./data-source";
export { dialectOf, type Dialect } from "./dialect";
export { sqliteDriver } from "./sqlite-driver";
export { writeTransaction } from "./transaction";
