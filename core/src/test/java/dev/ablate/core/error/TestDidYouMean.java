package dev.ablate.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

final class TestDidYouMean {

    private static final List<String> IDS = List.of("full", "restricted", "additive");

    @Test
    void distanceCountsEditsAndSwaps() {
        assertThat(DidYouMean.distance("full", "full")).isZero();
        assertThat(DidYouMean.distance("fulll", "full")).isEqualTo(1);
        assertThat(DidYouMean.distance("flul", "full")).isEqualTo(1);
        assertThat(DidYouMean.distance("", "abc")).isEqualTo(3);
        assertThat(DidYouMean.distance("kitten", "sitting")).isEqualTo(3);
    }

    @Test
    void suggestsCloseNamesBestFirst() {
        assertThat(DidYouMean.hint("fulll", IDS)).isEqualTo(" Did you mean 'full'?");
        assertThat(DidYouMean.hint("restrict", IDS)).isEqualTo(" Did you mean 'restricted'?");
        assertThat(DidYouMean.hint("ADDITIVE", IDS)).isEqualTo(" Did you mean 'additive'?");
        assertThat(DidYouMean.hint("linear", IDS)).isEmpty();
        assertThat(DidYouMean.hint("nrm", List.of("rms", "norm", "none"))).isEqualTo(" Did you mean 'norm'?");
        assertThat(DidYouMean.hint("lyer", List.of("lower", "lyre", "layer"))).isEqualTo(" Did you mean 'layer' or 'lyre'?");
    }
}
