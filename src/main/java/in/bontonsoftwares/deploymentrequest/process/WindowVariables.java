package in.bontonsoftwares.deploymentrequest.process;

import java.util.Date;

/**
 * A deployment window as the process keeps it: the text that the form's date-time fields show and
 * send ({@code startText}, {@code endText}), and the instants the validator read from it ({@code
 * start}, {@code end}), which everyone else uses; {@code conflicts}, what the window clashes with
 * (freezes, other deployments, the on-call contact) when it was last checked, for people to read.
 */
public record WindowVariables(
    Variable<String> startText,
    Variable<String> endText,
    Variable<Date> start,
    Variable<Date> end,
    Variable<String> conflicts) {}
