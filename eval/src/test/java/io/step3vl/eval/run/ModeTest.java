package io.step3vl.eval.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.step3vl.common.UserError;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModeTest {
    @Test
    void parsesEverySpelling() {
        assertThat(Mode.parse("sere")).isEqualTo(new Mode.Sere());
        assertThat(Mode.parse("pacore:16")).isEqualTo(new Mode.PaCoRe(List.of(16), "pacore:16"));
        assertThat(Mode.parse("PaCoRe:high")).isEqualTo(new Mode.PaCoRe(List.of(32, 4), "pacore:high"));
        assertThat(Mode.parse("rounds:32,4").spec()).isEqualTo("rounds:32,4");
        assertThat(((Mode.PaCoRe) Mode.parse("rounds: 8, 2")).rounds()).containsExactly(8, 2);
        assertThat(Mode.parse("majority:8")).isEqualTo(new Mode.Majority(8));
        assertThat(Mode.parse("best-of:4")).isEqualTo(new Mode.BestOf(4));
        assertThat(Mode.parse("best-of:4").samples()).isEqualTo(4);
    }

    @Test
    void commaListsKeepRoundsVectorsTogetherAndDropDuplicates() {
        List<Mode> modes = Mode.parseAll(List.of("sere,rounds:32,4,majority:8", "rounds:16", "sere"));
        assertThat(modes).extracting(Mode::spec).containsExactly("sere", "rounds:32,4", "majority:8", "rounds:16");
    }

    @Test
    void badModesAreUserErrors() {
        for (String bad : List.of("pacore", "pacore:0", "majority:x", "beam:4", "rounds:", "best-of:2000", "")) {
            assertThatThrownBy(() -> Mode.parse(bad)).as(bad).isInstanceOf(UserError.class).hasMessageContaining("--mode");
        }
        assertThatThrownBy(() -> Mode.parseAll(List.of(" , "))).isInstanceOf(UserError.class);
    }
}
