package io.joinery.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The gateway's package graph (STYLE §1, docs/architecture.md): the pipeline
 * `metadata -> schema -> snapshot -> plan -> execute -> http`, where a package depends only on
 * packages to its left (plus core); `remote`, the outbound HTTP client, depends on core only and
 * every stage may use it; the composition root (`Gateway`, `GatewayConfig`, `GatewayMain`) is used
 * by nothing; no cycles.
 */
@AnalyzeClasses(packages = "io.joinery.gateway", importOptions = ImportOption.DoNotIncludeTests.class)
class GatewayArchitectureTest {
    private static final String ROOT = "io.joinery.gateway";
    private static final List<String> PIPELINE = List.of("metadata", "schema", "snapshot", "plan", "execute", "http");

    @ArchTest
    static final ArchRule eachStage_dependsOnlyOnStagesToItsLeft = pipelineRule();

    @ArchTest
    static final ArchRule remote_dependsOnNoOtherGatewayPackage = noClasses()
            .that().resideInAPackage(ROOT + ".remote..")
            .should().dependOnClassesThat().resideInAnyPackage(packages(PIPELINE, ROOT))
            .because("the outbound client sits beside core: schema (introspection) and execute (fetches) use it");

    @ArchTest
    static final ArchRule compositionRoot_isUsedByNoStage = noClasses()
            .that().resideInAPackage(ROOT + ".*..")
            .should().dependOnClassesThat().resideInAPackage(ROOT)
            .because("Gateway wires the stages with plain constructors; no stage reaches back to it");

    @ArchTest
    static final ArchRule packages_areFreeOfCycles = slices().matching(ROOT + ".(*)..").should().beFreeOfCycles();

    private static ArchRule pipelineRule() {
        CompositeArchRule rule = null;
        for (int i = 0; i < PIPELINE.size() - 1; i++) {
            ArchRule stage = noClasses()
                    .that().resideInAPackage(ROOT + "." + PIPELINE.get(i) + "..")
                    .should().dependOnClassesThat()
                    .resideInAnyPackage(packages(PIPELINE.subList(i + 1, PIPELINE.size())))
                    .because("a package depends only on packages to its left in the pipeline (STYLE §1)");
            rule = rule == null ? CompositeArchRule.of(stage) : rule.and(stage);
        }
        return rule.as("each package depends only on packages to its left in " + String.join(" -> ", PIPELINE));
    }

    private static String[] packages(List<String> stages, String... more) {
        List<String> out = new ArrayList<>();
        stages.forEach(stage -> out.add(ROOT + "." + stage + ".."));
        out.addAll(List.of(more));
        return out.toArray(String[]::new);
    }
}
