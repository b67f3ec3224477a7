/** An example Ablate plugin: linear attention, φ(x)=elu(x)+1 (Katharopoulos et al. 2020). */
module dev.ablate.examples.linear {
    // The SPI; through it (requires transitive) DJL's API and Jackson's annotations.
    requires dev.ablate.core;

    provides dev.ablate.core.spi.AblatePlugin with dev.ablate.examples.linear.LinearAttentionPlugin;

    // The config record is read and written by Jackson.
    opens dev.ablate.examples.linear to com.fasterxml.jackson.databind;
}
