package dev.ablate.experiments.training;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A CPU manager for each test, closed after it: {@code @RegisterExtension final CpuManager cpu = new CpuManager();}. */
final class CpuManager implements BeforeEachCallback, AfterEachCallback {

    private NDManager manager;

    NDManager get() {
        return manager;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        manager = NDManager.newBaseManager(Device.cpu());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        manager.close();
    }
}
