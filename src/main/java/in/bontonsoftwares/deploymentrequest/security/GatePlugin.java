package in.bontonsoftwares.deploymentrequest.security;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * Puts the {@link StepGate} in front of the engine's commands, through Camunda's documented
 * extension point (a process engine plugin adding a custom pre-command interceptor), so that every
 * door into the engine passes it.
 */
@Component
class GatePlugin extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    EngineServices services = new EngineServices(configuration);
    // one gate per chain: an interceptor links to the next one of its own chain
    configuration.setCustomPreCommandInterceptorsTxRequired(
        withGate(
            configuration.getCustomPreCommandInterceptorsTxRequired(), new StepGate(services)));
    configuration.setCustomPreCommandInterceptorsTxRequiresNew(
        withGate(
            configuration.getCustomPreCommandInterceptorsTxRequiresNew(), new StepGate(services)));
  }

  private static List<CommandInterceptor> withGate(
      List<CommandInterceptor> interceptors, StepGate gate) {
    List<CommandInterceptor> all = new ArrayList<>();
    all.add(gate);
    if (interceptors != null) {
      all.addAll(interceptors);
    }
    return all;
  }

  /** The services of the engine being built, read once it runs. */
  private static final class EngineServices implements StepGate.Services {

    private final ProcessEngineConfigurationImpl configuration;
    private volatile StepForms forms;

    EngineServices(ProcessEngineConfigurationImpl configuration) {
      this.configuration = configuration;
    }

    @Override
    public IdentityService identity() {
      return configuration.getIdentityService();
    }

    @Override
    public RepositoryService repository() {
      return configuration.getRepositoryService();
    }

    @Override
    public TaskService task() {
      return configuration.getTaskService();
    }

    @Override
    public StepForms forms() {
      if (forms == null) {
        forms = new StepForms(repository());
      }
      return forms;
    }
  }
}
