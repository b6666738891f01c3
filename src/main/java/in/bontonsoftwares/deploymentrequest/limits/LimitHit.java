package in.bontonsoftwares.deploymentrequest.limits;

import java.time.Instant;

/**
 * One episode of refusals: {@code subject} (a user id, or a client address for sign-ins) was
 * refused {@code refused} times by {@code limit} between {@code firstAt} and {@code lastAt}.
 */
public record LimitHit(
    String limit, String subject, Instant firstAt, Instant lastAt, int refused) {}
