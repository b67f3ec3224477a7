package dev.ablate.tasks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * ListOps expressions (Nangia and Bowman 2018, as in the Long Range Arena): {@code [MAX 2 9 [MIN 4 7 ] 0 ]}.
 * Operators over digits 0 to 9: {@code MAX}, {@code MIN}, {@code MED} (the median; with an even number of
 * arguments the lower of the two middle values: {@code [MED 1 2 3 4 ]} is 2, where the LRA's generator
 * takes the mean rounded down), {@code SM} (the sum modulo 10). Every value is a digit.
 */
final class ListOps {

    static final List<String> OPERATORS = List.of("[MAX", "[MIN", "[MED", "[SM");
    static final String CLOSE = "]";
    /** The vocabulary's symbols: the operators, the closing bracket, the digits. */
    static final List<String> SYMBOLS;
    /** The chance that an argument below the maximum depth is an expression rather than a digit (the LRA's). */
    static final double NEST_PROBABILITY = 0.25;

    static {
        List<String> s = new ArrayList<>(OPERATORS);
        s.add(CLOSE);
        for (int d = 0; d <= 9; d++) {
            s.add(Integer.toString(d));
        }
        SYMBOLS = List.copyOf(s);
    }

    private ListOps() {}

    /** The value of an expression given as tokens; {@code IllegalArgumentException} if it is malformed. */
    static int evaluate(List<String> tokens) {
        int[] position = {0};
        int value = value(tokens, position);
        if (position[0] != tokens.size()) {
            throw new IllegalArgumentException("unexpected '" + tokens.get(position[0]) + "' at token " + position[0]
                    + " after the end of the expression");
        }
        return value;
    }

    /** The value of an expression written with tokens separated by spaces. */
    static int evaluate(String expression) {
        return evaluate(Tokenization.SYMBOLS.split(expression));
    }

    private static int value(List<String> tokens, int[] position) {
        if (position[0] >= tokens.size()) {
            throw new IllegalArgumentException("the expression ends too early");
        }
        String token = tokens.get(position[0]++);
        int digit = digit(token);
        if (digit >= 0) {
            return digit;
        }
        if (!OPERATORS.contains(token)) {
            throw new IllegalArgumentException("unexpected '" + token + "' at token " + (position[0] - 1));
        }
        List<Integer> args = new ArrayList<>();
        while (true) {
            if (position[0] >= tokens.size()) {
                throw new IllegalArgumentException("'" + token + "' is not closed by ']'");
            }
            if (tokens.get(position[0]).equals(CLOSE)) {
                position[0]++;
                break;
            }
            args.add(value(tokens, position));
        }
        if (args.isEmpty()) {
            throw new IllegalArgumentException("'" + token + "' has no arguments");
        }
        return apply(token, args.stream().mapToInt(Integer::intValue).toArray());
    }

    /** {@code operator} (with its bracket, {@code "[MAX"}) applied to digits. */
    static int apply(String operator, int[] args) {
        return switch (operator) {
            case "[MAX" -> Arrays.stream(args).max().orElseThrow();
            case "[MIN" -> Arrays.stream(args).min().orElseThrow();
            case "[MED" -> {
                int[] sorted = args.clone();
                Arrays.sort(sorted);
                yield sorted[(sorted.length - 1) / 2];
            }
            case "[SM" -> Arrays.stream(args).sum() % 10;
            default -> throw new IllegalArgumentException("unknown operator '" + operator + "'");
        };
    }

    private static int digit(String token) {
        return token.length() == 1 && token.charAt(0) >= '0' && token.charAt(0) <= '9' ? token.charAt(0) - '0' : -1;
    }

    /**
     * A random expression: the root is an operator; every operator has 2 to {@code maxArgs} arguments
     * (uniform); an argument is an expression with probability {@link #NEST_PROBABILITY} while the nesting
     * is below {@code maxDepth} operators, else a uniform digit; operators are uniform.
     */
    static List<String> generate(SplittableRandom random, int maxDepth, int maxArgs) {
        List<String> out = new ArrayList<>();
        expression(random, 1, maxDepth, maxArgs, out);
        return out;
    }

    private static void expression(SplittableRandom random, int depth, int maxDepth, int maxArgs, List<String> out) {
        out.add(OPERATORS.get(random.nextInt(OPERATORS.size())));
        int args = 2 + random.nextInt(maxArgs - 1);
        for (int i = 0; i < args; i++) {
            if (depth < maxDepth && random.nextDouble() < NEST_PROBABILITY) {
                expression(random, depth + 1, maxDepth, maxArgs, out);
            } else {
                out.add(Integer.toString(random.nextInt(10)));
            }
        }
        out.add(CLOSE);
    }
}
