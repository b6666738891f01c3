/**
 * Personal access tokens for pipelines and scripts: created, listed and revoked by their owner at
 * {@code /api/tokens}, kept only as a SHA-256 hash, and accepted as {@code Authorization: Bearer}
 * on {@code /api} and {@code /engine-rest}, where the caller then acts as the token's owner.
 */
package in.bontonsoftwares.deploymentrequest.tokens;
