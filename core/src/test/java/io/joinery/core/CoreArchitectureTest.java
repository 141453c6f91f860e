package io.joinery.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** `core` is shared by both services and depends on neither (STYLE §2). */
class CoreArchitectureTest {
    /** The compiled main classes of this module (tests run with the module as working directory). */
    private static final JavaClasses CORE = new ClassFileImporter()
            .importPath(Path.of("target", "classes"));

    @Test
    void core_dependsOnNeitherService() {
        noClasses().that().resideInAPackage("io.joinery.core..")
                .should().dependOnClassesThat().resideInAnyPackage("io.joinery.child..", "io.joinery.gateway..")
                .check(CORE);
    }
}
