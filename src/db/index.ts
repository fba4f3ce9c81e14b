/** Opening the database, its dialect and its transactions. */
export { createDataSource, openDatabase } from "./data-source";
export { dialectOf, type Dialect } from "./dialect";
export { writeTransaction } from "./transaction";
