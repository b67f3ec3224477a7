package dev.ablate.experiments.spec;

import com.fasterxml.classmate.ResolvedType;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.CustomDefinitionProviderV2;
import com.github.victools.jsonschema.generator.MemberScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaKeyword;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.generator.impl.DefinitionKey;
import com.github.victools.jsonschema.generator.naming.SchemaDefinitionNamingStrategy;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import dev.ablate.core.registry.ComponentRegistry;
import dev.ablate.core.spi.ComponentDescriptor;
import dev.ablate.core.spi.ComponentKind;
import dev.ablate.experiments.decoding.DecodingConfig;
import dev.ablate.experiments.training.OptimizerConfig;
import dev.ablate.experiments.training.ScheduleConfig;
import dev.ablate.tasks.TaskConfig;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The JSON Schema (draft 2020-12) of experiment specs, generated from the config records: for
 * editors (completion, hover text from {@code @JsonPropertyDescription}, red squiggles) and for
 * tools that check specs without a JVM. It is strict like {@link SpecReader}: no object allows
 * fields it does not know. Every polymorphic config ({@code task}, the optimizer, the schedule,
 * decoding and the plugins of the model) is a {@code oneOf} of its subtypes, each with a required
 * {@code "type"} whose value is the subtype's id; the plugin subtypes are the ones in the registry,
 * so the schema of an installation with more plugins lists them too.
 *
 * <p>The schema checks what a schema can: names, types and enum values. The rules a config's
 * compact constructor enforces (ranges, a required file, heads dividing dModel), the dotted paths
 * of {@code axes} and {@code variants}, and whether task, model and metric fit together are
 * {@link SpecReader}'s: {@code ablate validate} checks everything. Two deliberate differences: an
 * explicit {@code null}, which the reader takes as an omitted field, is not allowed (leave the field
 * out; allowing it would double every type), and, as JSON Schema defines {@code "integer"}, a number
 * like {@code 2.0} passes where the reader wants {@code 2}.
 *
 * <p>The output is deterministic: properties in record-component order, subtypes in
 * {@code @JsonSubTypes} order (plugins by id), {@code $defs} sorted by name.
 */
public final class SpecSchema {

    /** The schema's {@code title}. */
    public static final String TITLE = "Ablate experiment spec";

    /** The schema's {@code description}. */
    public static final String DESCRIPTION = "The JSON Schema of Ablate experiment specs (ExperimentSpec). Generated from "
            + "the config records with the plugins installed when it was made; `ablate schema` regenerates it with the "
            + "installed plugins. Checks names, types and enum values; `ablate validate` checks everything else "
            + "(ranges, files, dotted paths, whether task, model and metric fit).";

    private static final Set<String> REQUIRED_TOP_LEVEL = Set.of("name", "task");

    private final ObjectMapper mapper;
    /** Every polymorphic base type, with its subtypes by id in the order the schema lists them. */
    private final Map<Class<?>, Family> families = new LinkedHashMap<>();
    /** Every subtype of a polymorphic base: its family and id. */
    private final Map<Class<?>, Member> members = new LinkedHashMap<>();

    /** A polymorphic base type: the prefix of its definitions' names and its subtypes by id. */
    private record Family(String label, Map<String, Class<?>> subtypes) {}

    /**
     * A subtype: the {@code "type"} values that select it (one, or several for a record that reads
     * its type as a field, such as copy, reverse and sort), and a one-line summary (plugins only).
     */
    private record Member(Family family, List<String> ids, String summary) {

        /** The definition's name after the family's: the type, or the types joined by '-'. */
        String name() {
            return String.join("-", ids);
        }
    }

    private SpecSchema(ComponentRegistry registry) {
        this.mapper = registry.json().mapper();
        for (ComponentKind kind : ComponentKind.values()) {
            Family family = new Family(kind.label(), new LinkedHashMap<>());
            families.put(kind.configBase(), family);
            for (ComponentDescriptor<?> d : registry.all()) {
                if (d.kind() == kind) {
                    add(family, d.id(), d.configType(), d.summary());
                }
            }
        }
        annotated("task", TaskConfig.class);
        annotated("optimizer", OptimizerConfig.class);
        annotated("schedule", ScheduleConfig.class);
        annotated("decoding", DecodingConfig.class);
    }

    /** The schema of experiment specs with the plugins of {@code registry}, pretty-printed, ending in a newline. */
    public static String generate(ComponentRegistry registry) {
        SpecSchema schema = new SpecSchema(registry);
        JsonNode node = schema.schema();
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withObjectEmptySeparator("")
                        .withArrayEmptySeparator(""));
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        try {
            return schema.mapper.writer(printer).writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the spec schema", e);
        }
    }

    private void annotated(String label, Class<?> base) {
        Family family = new Family(label, new LinkedHashMap<>());
        families.put(base, family);
        JsonSubTypes subTypes = base.getAnnotation(JsonSubTypes.class);
        if (subTypes == null) {
            throw new IllegalStateException(base.getName() + " has no @JsonSubTypes");
        }
        for (JsonSubTypes.Type t : subTypes.value()) {
            add(family, typeNames(t), t.value(), null);
        }
    }

    /** The type ids Jackson gives a subtype: the names in {@code @JsonSubTypes}, else its {@code @JsonTypeName}. */
    private static List<String> typeNames(JsonSubTypes.Type type) {
        if (!type.name().isEmpty()) {
            return List.of(type.name());
        }
        if (type.names().length > 0) {
            return List.of(type.names());
        }
        JsonTypeName name = type.value().getAnnotation(JsonTypeName.class);
        if (name != null && !name.value().isEmpty()) {
            return List.of(name.value());
        }
        throw new IllegalStateException(type.value().getName() + " has no type name");
    }

    private void add(Family family, String id, Class<?> type, String summary) {
        add(family, List.of(id), type, summary);
    }

    private void add(Family family, List<String> ids, Class<?> type, String summary) {
        family.subtypes().put(String.join("-", ids), type);
        members.put(type, new Member(family, ids, summary));
    }

    private JsonNode schema() {
        SchemaGeneratorConfigBuilder builder = new SchemaGeneratorConfigBuilder(
                mapper, SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                .with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT)
                .with(Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES)
                .with(new JacksonModule(
                        JacksonOption.FLATTENED_ENUMS_FROM_JSONVALUE,
                        JacksonOption.FLATTENED_ENUMS_FROM_JSONPROPERTY,
                        // Subtypes and their "type" come from this class, the same way for every family.
                        JacksonOption.SKIP_SUBTYPE_LOOKUP,
                        JacksonOption.IGNORE_TYPE_INFO_TRANSFORM));
        builder.forTypesInGeneral()
                .withCustomDefinitionProvider(new Polymorphism())
                .withDefinitionNamingStrategy(new Names())
                .withPropertySorter(SpecSchema::compareMembers);
        builder.forFields().withRequiredCheck(field ->
                field.getDeclaringType().getErasedType() == ExperimentSpec.class
                        && REQUIRED_TOP_LEVEL.contains(field.getDeclaredName()));
        ObjectNode generated = new SchemaGenerator(builder.build()).generateSchema(ExperimentSpec.class);
        return top(generated);
    }

    /** The root in reading order: {@code $schema}, title, description, the spec's own keywords, then the sorted {@code $defs}. */
    private static ObjectNode top(ObjectNode generated) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.set("$schema", generated.get("$schema"));
        root.put("title", TITLE);
        root.put("description", DESCRIPTION);
        generated.properties().forEach(e -> {
            if (!e.getKey().equals("$schema") && !e.getKey().equals("$defs")) {
                root.set(e.getKey(), e.getValue());
            }
        });
        JsonNode defs = generated.get("$defs");
        if (defs != null) {
            ObjectNode sorted = root.putObject("$defs");
            new TreeMap<String, JsonNode>(toMap(defs)).forEach(sorted::set);
        }
        return root;
    }

    private static Map<String, JsonNode> toMap(JsonNode object) {
        Map<String, JsonNode> map = new LinkedHashMap<>();
        object.properties().forEach(e -> map.put(e.getKey(), e.getValue()));
        return map;
    }

    /** Record components in declaration order (the order the docs and the examples use); other members by name. */
    private static int compareMembers(MemberScope<?, ?> a, MemberScope<?, ?> b) {
        int i = componentIndex(a);
        int j = componentIndex(b);
        if (i != j) {
            return Integer.compare(i, j);
        }
        return Comparator.<String>naturalOrder().compare(a.getSchemaPropertyName(), b.getSchemaPropertyName());
    }

    private static int componentIndex(MemberScope<?, ?> member) {
        RecordComponent[] components = member.getDeclaringType().getErasedType().getRecordComponents();
        if (components != null) {
            for (int i = 0; i < components.length; i++) {
                if (components[i].getName().equals(member.getDeclaredName())) {
                    return i;
                }
            }
        }
        return Integer.MAX_VALUE;
    }

    /**
     * A polymorphic base becomes {@code oneOf} references to its subtypes; a subtype becomes its
     * standard object schema with a required {@code "type": {"const": id}} first; a {@link JsonNode}
     * (the values of axes and variants) is any JSON value.
     */
    private final class Polymorphism implements CustomDefinitionProviderV2 {

        @Override
        public CustomDefinition provideCustomSchemaDefinition(ResolvedType javaType, SchemaGenerationContext context) {
            Class<?> type = javaType.getErasedType();
            if (JsonNode.class.isAssignableFrom(type)) {
                return new CustomDefinition(context.getGeneratorConfig().createObjectNode(),
                        CustomDefinition.DefinitionType.INLINE, CustomDefinition.AttributeInclusion.NO);
            }
            Family family = families.get(type);
            if (family != null) {
                ObjectNode node = context.getGeneratorConfig().createObjectNode();
                if (family.subtypes().isEmpty()) {
                    node.put(context.getKeyword(SchemaKeyword.TAG_DESCRIPTION), "no " + family.label() + " type is installed");
                    node.putObject(context.getKeyword(SchemaKeyword.TAG_NOT));
                    return new CustomDefinition(node, CustomDefinition.DefinitionType.ALWAYS_REF,
                            CustomDefinition.AttributeInclusion.NO);
                }
                ArrayNode oneOf = node.putArray(context.getKeyword(SchemaKeyword.TAG_ONEOF));
                for (Class<?> subtype : family.subtypes().values()) {
                    oneOf.add(context.createDefinitionReference(context.getTypeContext().resolve(subtype)));
                }
                return new CustomDefinition(node, CustomDefinition.DefinitionType.ALWAYS_REF,
                        CustomDefinition.AttributeInclusion.NO);
            }
            Member member = members.get(type);
            if (member != null) {
                return new CustomDefinition(withType(context.createStandardDefinition(javaType, this), member, context),
                        CustomDefinition.DefinitionType.ALWAYS_REF, CustomDefinition.AttributeInclusion.NO);
            }
            if (type.isRecord() && type != ExperimentSpec.class) {
                return new CustomDefinition(context.createStandardDefinition(javaType, this),
                        CustomDefinition.DefinitionType.ALWAYS_REF, CustomDefinition.AttributeInclusion.NO);
            }
            return null;
        }

        private ObjectNode withType(ObjectNode standard, Member member, SchemaGenerationContext context) {
            String properties = context.getKeyword(SchemaKeyword.TAG_PROPERTIES);
            String required = context.getKeyword(SchemaKeyword.TAG_REQUIRED);
            ObjectNode node = context.getGeneratorConfig().createObjectNode();
            if (member.summary() != null) {
                node.put(context.getKeyword(SchemaKeyword.TAG_DESCRIPTION), member.summary());
            }
            node.put(context.getKeyword(SchemaKeyword.TAG_TYPE), context.getKeyword(SchemaKeyword.TAG_TYPE_OBJECT));
            ObjectNode props = node.putObject(properties);
            JsonNode own = standard.get(properties);
            ObjectNode type = props.putObject("type");
            if (own != null && own.has("type")) {
                type.setAll((ObjectNode) own.get("type"));   // its description: a record that reads its type
            }
            if (member.ids().size() == 1) {
                type.put(context.getKeyword(SchemaKeyword.TAG_CONST), member.ids().get(0));
            } else {
                type.remove(context.getKeyword(SchemaKeyword.TAG_TYPE));
                ArrayNode ids = type.putArray(context.getKeyword(SchemaKeyword.TAG_ENUM));
                member.ids().forEach(ids::add);
            }
            if (own != null) {
                own.properties().forEach(e -> {
                    if (!e.getKey().equals("type")) {
                        props.set(e.getKey(), e.getValue());
                    }
                });
            }
            List<String> requiredNames = new ArrayList<>(List.of("type"));
            JsonNode ownRequired = standard.get(required);
            if (ownRequired != null) {
                ownRequired.forEach(n -> requiredNames.add(n.asText()));
            }
            ArrayNode req = node.putArray(required);
            requiredNames.forEach(req::add);
            standard.properties().forEach(e -> {
                if (!node.has(e.getKey()) && !e.getKey().equals(required)) {
                    node.set(e.getKey(), e.getValue());
                }
            });
            return node;
        }
    }

    /** Definition names: a base by its family ({@code attention}), a subtype by family and id ({@code attention.full}), others by class. */
    private final class Names implements SchemaDefinitionNamingStrategy {

        @Override
        public String getDefinitionNameForKey(DefinitionKey key, SchemaGenerationContext context) {
            Class<?> type = key.getType().getErasedType();
            Family family = families.get(type);
            if (family != null) {
                return family.label();
            }
            Member member = members.get(type);
            if (member != null) {
                return member.family().label() + "." + member.name();
            }
            return context.getTypeContext().getSimpleTypeDescription(key.getType());
        }
    }
}
