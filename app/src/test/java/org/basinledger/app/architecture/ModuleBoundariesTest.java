package org.basinledger.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The module boundaries of DESIGN.md: {@code app -> command, query -> api}; command and query never see each
 * other; api knows no Spring. Every rule names packages that exist (ArchUnit fails a rule whose subject is
 * empty), so none of them can pass by matching nothing.
 */
@AnalyzeClasses(packages = "org.basinledger", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleBoundariesTest {

    @ArchTest
    static final ArchRule commandDoesNotSeeQuery = noClasses().that().resideInAPackage("org.basinledger.command..")
            .should().dependOnClassesThat().resideInAPackage("org.basinledger.query..");

    @ArchTest
    static final ArchRule queryDoesNotSeeCommand = noClasses().that().resideInAPackage("org.basinledger.query..")
            .should().dependOnClassesThat().resideInAPackage("org.basinledger.command..");

    @ArchTest
    static final ArchRule commandAndQueryDoNotSeeTheApp = noClasses()
            .that().resideInAnyPackage("org.basinledger.command..", "org.basinledger.query..")
            .should().dependOnClassesThat().resideInAPackage("org.basinledger.app..");

    @ArchTest
    static final ArchRule apiSeesNoOtherModule = noClasses().that().resideInAPackage("org.basinledger.api..")
            .should().dependOnClassesThat().resideInAnyPackage("org.basinledger.command..", "org.basinledger.query..",
                    "org.basinledger.app..");

    @ArchTest
    static final ArchRule apiKnowsNoSpringNorJackson = noClasses().that().resideInAPackage("org.basinledger.api..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "com.fasterxml..");
}
