package in.bontonsoftwares.deploymentrequest.browser;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The README's screenshots, refreshed from a browser test run with {@code -Dreadme.images=true}
 * ({@code ./mvnw test -Dtest=TasklistBrowserTest -Dreadme.images=true}); other runs leave them
 * alone.
 */
final class ReadmeImages {

  static final String PROPERTY = "readme.images";
  static final Path FOLDER = Path.of(System.getProperty("basedir", "."), "src", "docs", "images");

  private ReadmeImages() {}

  static boolean enabled() {
    return Boolean.getBoolean(PROPERTY);
  }

  /**
   * Takes and saves the image, on a white margin, only when the flag is set: taking it resizes the
   * window.
   */
  static void save(String fileName, Supplier<BufferedImage> image) {
    if (enabled()) {
      Browser.writePng(withMargin(image.get(), 16), FOLDER.resolve(fileName));
    }
  }

  private static BufferedImage withMargin(BufferedImage image, int margin) {
    BufferedImage framed =
        new BufferedImage(
            image.getWidth() + 2 * margin,
            image.getHeight() + 2 * margin,
            BufferedImage.TYPE_INT_RGB);
    Graphics2D g = framed.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, framed.getWidth(), framed.getHeight());
    g.drawImage(image, margin, margin, null);
    g.dispose();
    return framed;
  }
}
