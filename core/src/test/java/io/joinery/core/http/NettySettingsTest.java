package io.joinery.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NettySettingsTest {
    private ResourceLeakDetector.Level before;
    private String property;

    @BeforeEach
    void remember() {
        before = ResourceLeakDetector.getLevel();
        property = System.getProperty(NettySettings.LEAK_DETECTION_PROPERTY);
    }

    @AfterEach
    void restore() {
        ResourceLeakDetector.setLevel(before);
        if (property == null) {
            System.clearProperty(NettySettings.LEAK_DETECTION_PROPERTY);
        } else {
            System.setProperty(NettySettings.LEAK_DETECTION_PROPERTY, property);
        }
    }

    @Test
    void services_runWithoutLeakDetection() {
        System.clearProperty(NettySettings.LEAK_DETECTION_PROPERTY);
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
        NettySettings.forService();
        assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.DISABLED);
    }

    @Test
    void aLevelGivenOnTheCommandLine_isKept() {
        System.setProperty(NettySettings.LEAK_DETECTION_PROPERTY, "paranoid");
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        NettySettings.forService();
        assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
    }
}
