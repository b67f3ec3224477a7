package dev.ablate.core.spi;

/**
 * What a plugin says about one component: its id, its config record and a one-line summary. The
 * kind-specific sub-interfaces add the factory, the capabilities and (for attention) the complexity
 * model.
 *
 * @param <C> the config record
 */
public interface ComponentDescriptor<C extends ComponentConfig> {

    /**
     * The component's id: kebab-case, unique within its kind. It is the JSON {@code "type"}, the
     * registry key and the name reports print, so it never changes once published.
     */
    String id();

    ComponentKind kind();

    /** The config record; Ablate registers it as the Jackson subtype named {@link #id()}. */
    Class<C> configType();

    /** One line for listings, e.g. "multi-head scaled dot-product attention (Vaswani et al. 2017)". */
    String summary();
}
