package com.example.checkpointdemo.functions.savepoint;

import com.example.checkpointdemo.functions.SumAndFailOnce;
import com.example.checkpointdemo.functions.SumAndFailOnceAggregate;
import com.example.checkpointdemo.functions.SumAndFailOnceStateFlag;

import org.apache.flink.table.annotation.StateHint;
import org.apache.flink.table.data.RowData;

import javax.annotation.Nullable;

import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Where a function of the demo keeps its running sum in a checkpoint: the operator (by its uid,
 * or by its name where the planner gives it none), the keyed value state, and the place of the sum
 * in the stored value. The one place that knows; the report's CheckpointReader reads by it.
 *
 * <p>The table runtime stores a PTF's {@code @StateHint} class and an aggregate's accumulator as
 * rows whose fields are the class's fields sorted by name (Flink's rule for a class without a
 * constructor that assigns every field; pinned by {@code StructuredStateOrderTest}).
 */
public record StateLayout(
        String function,
        @Nullable String operatorUid,
        @Nullable String operatorName,
        String stateName,
        int fields,
        int runningSum,
        boolean inAccumulators)
        implements Serializable {

    /** The DataStream twin: a {@code ValueState<Long>} named {@code running_sum}, operator uid {@code SumAndFailOnceProcess}. */
    public static final StateLayout DATASTREAM =
            new StateLayout("SumAndFailOnceProcess", "SumAndFailOnceProcess", null, "running_sum", 1, -1, false);

    /**
     * The TableAggregate twin: its accumulator, in the row of the operator's accumulators (state
     * {@code accState}); the planner names the operator {@code GroupTableAggregate} and gives it no uid.
     */
    public static final StateLayout TABLEAGG =
            structured("SumAndFailOnceAggregate", null, "GroupTableAggregate", "accState",
                    SumAndFailOnceAggregate.SumAccumulator.class, true);

    /** The state name of a PTF whose {@code @StateHint} names none: the parameter's, as Flink takes it. */
    private static final String RUNNING_SUM = "runningSum";

    /** The layouts of the project's own PTFs, under their usual call names (for checkpoints of unknown origin). */
    public static List<StateLayout> known() {
        return List.of(
                ofProcessTableFunction("SumAndFailOnce", SumAndFailOnce.class).orElseThrow(),
                ofProcessTableFunction("SumAndFailOnceStateFlag", SumAndFailOnceStateFlag.class).orElseThrow(),
                TABLEAGG,
                DATASTREAM);
    }

    /**
     * The layout of a PTF whose operator has uid {@code callName} (the name it is called by, or
     * its {@code uid} argument): its {@code eval}'s state
     * parameter whose class has a {@code long runningSum}; empty when it has none.
     */
    public static Optional<StateLayout> ofProcessTableFunction(String callName, Class<?> function) {
        for (Method method : function.getMethods()) {
            if (!method.getName().equals("eval")) {
                continue;
            }
            for (Parameter parameter : method.getParameters()) {
                final StateHint hint = parameter.getAnnotation(StateHint.class);
                if (hint != null && fieldNames(parameter.getType()).contains(RUNNING_SUM)) {
                    final String name = hint.name().isEmpty() ? parameter.getName() : hint.name();
                    return Optional.of(structured(function.getSimpleName(), callName, null, name, parameter.getType(), false));
                }
            }
        }
        return Optional.empty();
    }

    private static StateLayout structured(
            String function, @Nullable String uid, @Nullable String name, String state, Class<?> type, boolean inAccumulators) {
        final List<String> names = fieldNames(type);
        return new StateLayout(function, uid, name, state, names.size(), names.indexOf(RUNNING_SUM), inAccumulators);
    }

    /** The fields the table runtime stores of {@code type}, in its order: sorted by name. */
    public static List<String> fieldNames(Class<?> type) {
        final List<String> names = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            Arrays.stream(c.getDeclaredFields())
                    .filter(f -> !Modifier.isStatic(f.getModifiers()) && !Modifier.isTransient(f.getModifiers()))
                    .map(Field::getName)
                    .forEach(names::add);
        }
        return names.stream().sorted().toList();
    }

    /** The running sum in a value of the state, as the state backend restored it. */
    public long runningSumOf(Object stored) {
        if (!(stored instanceof RowData row)) {
            return ((Number) stored).longValue();
        }
        return (inAccumulators ? row.getRow(0, fields) : row).getLong(runningSum);
    }

    /** How a report names where the sum was read: {@code SumAndFailOnce: state "state"}. */
    public String describe() {
        return (operatorUid != null ? "operator uid " + operatorUid : "operator " + operatorName) + ", state " + stateName;
    }
}
