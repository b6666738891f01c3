package in.bontonsoftwares.deploymentrequest.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The feature packages depend on each other in one direction only: no package imports one that
 * imports it back, directly or around a longer loop, and {@code process}, the contract every
 * feature shares, imports none of them.
 */
class PackageDependenciesTest {

  private static final String ROOT = "in.bontonsoftwares.deploymentrequest";

  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
  }

  @Test
  void featurePackagesAreFreeOfCycles() {
    slices().matching(ROOT + ".(*)..").namingSlices("$1").should().beFreeOfCycles().check(classes);
  }

  @Test
  void processIsTheContractAndImportsNoFeature() {
    classes()
        .that()
        .resideInAPackage(ROOT + ".process..")
        .should()
        .onlyDependOnClassesThat(
            not(resideInAPackage(ROOT + "..")).or(resideInAPackage(ROOT + ".process..")))
        .check(classes);
  }
}
