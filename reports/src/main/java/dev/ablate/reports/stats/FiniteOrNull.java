package dev.ablate.reports.stats;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/** Writes a number that is not finite (a spread of one value) as null, so results.json stays valid JSON. */
public final class FiniteOrNull extends StdSerializer<Double> {

    private static final long serialVersionUID = 1L;

    public FiniteOrNull() {
        super(Double.class);
    }

    @Override
    public void serialize(Double value, JsonGenerator out, SerializerProvider provider) throws IOException {
        if (value == null || !Double.isFinite(value)) {
            out.writeNull();
        } else {
            out.writeNumber(value);
        }
    }
}
