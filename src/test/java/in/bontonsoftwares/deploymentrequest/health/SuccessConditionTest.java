package in.bontonsoftwares.deploymentrequest.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The success conditions' small language: what it accepts, how it judges, what it refuses. */
class SuccessConditionTest {

  @ParameterizedTest(name = "{0} with {1}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "result < 0.01       | 0.004   | true",
        "result < 0.01       | 0.01    | false",
        "result <= 0.01      | 0.01    | true",
        "result > 100        | 1e3     | true",
        "result >= 0.95      | 0.9     | false",
        "result[0] >= 0.95   | 0.951   | true",
        "result == 200       | 200.0   | true",
        "result != 0         | 0       | false",
        "  result<-1         | -2      | true",
        "result == 'UP'      | UP      | true",
        "result == \"UP\"    | DOWN    | false",
        "result != 'DOWN'    | UP      | true",
        "result == true      | true    | true",
        "result == false     | true    | false",
      })
  void shouldJudgeTheValue(String condition, String value, boolean met) {
    assertThat(SuccessCondition.parse(condition).test(value)).isEqualTo(met);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "result",
        "result =~ 5",
        "result < 'x'",
        "result > true",
        "value < 1",
        "result < 1 && result > 0",
        "result < 1; exit",
        "len(result) > 0",
        "result < 0x10",
        "result == UP",
        "T(java.lang.Runtime).getRuntime().exec('id') == 1"
      })
  void shouldRefuseAnythingElse(String condition) {
    assertThatThrownBy(() -> SuccessCondition.parse(condition))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + condition + "' is not supported")
        .hasMessageContaining("result <op> <number>");
  }

  @ParameterizedTest
  @ValueSource(strings = {"UP", "NaN", ""})
  void shouldSayWhenANumberIsExpected(String value) {
    assertThatThrownBy(() -> SuccessCondition.parse("result < 1").test(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'" + value + "' is not a number");
  }
}
