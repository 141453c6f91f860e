package io.joinery.child;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The child's pipeline order (STYLE §1, docs/architecture.md): a package depends only on packages
 * to its left, plus core; the composition root (`io.joinery.child`: ChildApp, ChildConfig,
 * ChildMain) sees everything and nothing sees it.
 *
 * <pre>
 * db -> metadata -> schema -> sql -> actions -> graphql -> http
 * </pre>
 */
class ChildArchitectureTest {
    private static final String ROOT = "io.joinery.child";
    private static final List<String> PIPELINE = List.of("db", "metadata", "schema", "sql", "actions", "graphql", "http");
    private static final String COMPOSITION_ROOT = "composition root";

    /** The compiled main classes of this module (tests run with the module as working directory). */
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .importPath(Path.of("target", "classes"));

    @Test
    void eachPackage_dependsOnlyOnPackagesToItsLeft() {
        LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (String stage : PIPELINE) {
            layers = layers.layer(stage).definedBy(ROOT + "." + stage + "..");
        }
        layers = layers.layer(COMPOSITION_ROOT).definedBy(ROOT);
        for (int i = 0; i < PIPELINE.size(); i++) {
            List<String> right = new ArrayList<>(PIPELINE.subList(i + 1, PIPELINE.size()));
            right.add(COMPOSITION_ROOT);
            layers = layers.whereLayer(PIPELINE.get(i)).mayOnlyBeAccessedByLayers(right.toArray(String[]::new));
        }
        layers.whereLayer(COMPOSITION_ROOT).mayNotBeAccessedByAnyLayer().check(CLASSES);
    }

    /** A new package is placed in the pipeline on purpose (here and in docs/architecture.md), never by accident. */
    @Test
    void everyPackage_hasItsPlaceInThePipeline() {
        Set<String> packages = new TreeSet<>();
        for (JavaClass type : CLASSES) {
            packages.add(type.getPackageName());
        }
        Set<String> known = new TreeSet<>(List.of(ROOT));
        PIPELINE.forEach(stage -> known.add(ROOT + "." + stage));
        assertThat(packages).isNotEmpty().isSubsetOf(known);
    }
}
