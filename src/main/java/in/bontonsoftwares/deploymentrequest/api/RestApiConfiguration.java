package in.bontonsoftwares.deploymentrequest.api;

import in.bontonsoftwares.deploymentrequest.security.SideDoorFilter;
import jakarta.servlet.ServletRegistration;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Camunda's REST API ({@code /engine-rest}) as Camunda documents it for Spring Boot: HTTP Basic
 * against the engine's identity service or a personal access token, so that the engine knows who
 * acts (the requester of a request started over REST is the caller), and our refusals answered as
 * what they are: 400 with the reasons for bad input, 403 for a step the caller may not do on their
 * own request.
 */
@Configuration(proxyBeanMethods = false)
class RestApiConfiguration {

  /**
   * The servlet name under which Camunda's webapp initializer registers the webapps' engine API.
   */
  static final String WEBAPP_ENGINE_API = "Engine Api";

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("camunda-auth");
    registration.addInitParameter(
        "authentication-provider", TokenOrBasicAuthenticationProvider.class.getName());
    registration.addUrlPatterns("/engine-rest/*");
    return registration;
  }

  /**
   * Tasklist and Cockpit talk to the webapps' own copy of the engine API ("Engine Api" servlet);
   * give it the same answers, so that a person sees "Please correct the following: ..." rather than
   * an engine error chain. Camunda's webapp initializer registers that servlet; a container
   * initializer added here runs after it, while init parameters can still be set.
   */
  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> webappEngineApiErrorAnswers() {
    return factory ->
        factory.addContextCustomizers(
            context ->
                context.addServletContainerInitializer(
                    (classes, servletContext) -> {
                      ServletRegistration engineApi =
                          servletContext.getServletRegistration(WEBAPP_ENGINE_API);
                      if (engineApi != null) {
                        engineApi.setInitParameter(
                            ServerProperties.PROVIDER_CLASSNAMES,
                            RestExceptionMapper.class.getName()
                                + ","
                                + EngineExceptionMapper.class.getName()
                                + ","
                                + MalformedRequestMapper.class.getName()
                                + ","
                                + SideDoorFilter.class.getName());
                      }
                    },
                    null));
  }

  @Bean
  CamundaJerseyResourceConfig camundaJerseyResourceConfig() {
    return new CamundaJerseyResourceConfig() {
      @Override
      protected void registerAdditionalResources() {
        register(RestExceptionMapper.class);
        register(EngineExceptionMapper.class);
        register(MalformedRequestMapper.class);
        register(SideDoorFilter.class);
      }
    };
  }
}
