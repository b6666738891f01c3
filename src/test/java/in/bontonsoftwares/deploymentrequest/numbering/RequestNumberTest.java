package in.bontonsoftwares.deploymentrequest.numbering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Only numbers the generator draws pass into file names, mail headers and calendar properties. */
class RequestNumberTest {

  @Test
  void shouldAcceptOnlyTheNumbersTheGeneratorDraws() {
    assertThat(NumberGenerator.isValid("DR-2026-0042")).isTrue();
    assertThat(NumberGenerator.isValid("CHG-2027-12345")).isTrue();
    for (String forged :
        new String[] {
          null,
          "",
          "DR-2026-42",
          "../DR-2026-0042",
          "DR-2026-0042/../../x",
          "DR-2026-0042\r\nBcc: evil@example.com",
          "DR-2026-0042;X-Evil=1",
          "dr-2026-0042",
          "DR-２０２６-0042"
        }) {
      assertThat(NumberGenerator.isValid(forged)).as(forged).isFalse();
    }
    assertThatThrownBy(() -> NumberGenerator.requireValid("../../etc/passwd"))
        .hasMessageContaining("Not a request number");
  }
}
