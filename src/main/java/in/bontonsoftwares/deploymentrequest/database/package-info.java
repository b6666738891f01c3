/**
 * The database under the engine and the app: the engine starts only after the schema migrations
 * have run (Camunda's Liquibase changelog for the engine's tables in the {@code postgres} profile,
 * Flyway for the app's own tables), and the embedded H2 database forces every commit to disk before
 * it is acknowledged.
 */
package in.bontonsoftwares.deploymentrequest.database;
