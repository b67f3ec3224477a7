/** The built-in attention plugins: full, restricted and additive. */
module dev.ablate.attention {
    requires dev.ablate.core;

    provides dev.ablate.core.spi.AblatePlugin with dev.ablate.attention.BuiltinAttention;

    // Config records are read and written by Jackson.
    opens dev.ablate.attention.full to com.fasterxml.jackson.databind;
    opens dev.ablate.attention.restricted to com.fasterxml.jackson.databind;
    opens dev.ablate.attention.additive to com.fasterxml.jackson.databind;
}
