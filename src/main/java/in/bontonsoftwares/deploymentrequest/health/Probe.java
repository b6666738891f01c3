package in.bontonsoftwares.deploymentrequest.health;

/** Takes one measurement of a check; never throws: what goes wrong is the measurement's verdict. */
interface Probe {

  Measurement measure();

  /** Where it measures, for people: the URL, or the query. */
  String target();
}
