/**
 * The database under the engine and the app: the engine starts only after the schema migrations
 * have run (Liquibase: the app's own tables, and in the {@code postgres} profile Camunda's
 * changelog for the engine's tables beside them), and the embedded H2 database forces every commit
 * to disk before it is acknowledged.
 */
package in.bontonsoftwares.deploymentrequest.database;
