/**
 * The plugin author's kit: Ablate's conformance tests as JUnit 5 dynamic tests, and helpers for
 * double-precision reference tests.
 */
module dev.ablate.testkit {
    requires transitive dev.ablate.core;
    requires transitive org.junit.jupiter.api;
    requires transitive org.assertj.core;

    exports dev.ablate.testkit;
}
