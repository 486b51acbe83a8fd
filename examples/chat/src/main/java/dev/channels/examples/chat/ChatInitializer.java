package dev.channels.examples.chat;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.util.Set;

/**
 * Starts the chat when its WAR is deployed (found by the container through
 * {@code META-INF/services}), and drains it when the application stops.
 */
public final class ChatInitializer implements ServletContainerInitializer {

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        Chat chat = new Chat(System.getenv());
        chat.install(context);
        context.addListener(new ServletContextListener() {
            @Override
            public void contextDestroyed(ServletContextEvent event) {
                chat.close();
            }
        });
    }
}
