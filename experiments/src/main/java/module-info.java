/**
 * From a spec to trained and evaluated runs. So far: choosing the device a run trains on, and an
 * engine self-check that builds and trains a tiny model there.
 */
module dev.ablate.experiments {
    requires transitive dev.ablate.models;

    exports dev.ablate.experiments.device;
}
