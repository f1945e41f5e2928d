package org.redciudades.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class QrCodesTest {

    @Test
    void the_png_decodes_with_a_standard_reader_to_the_address_it_encodes() throws Exception {
        String address = "https://portal.redciudades.org/organizer/check-in/3f2a9c1b-7d4e-4b1a-9c3e-2b8f6a1d0e57?código=3F2A-9C1B";

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(QrCodes.png(address)));

        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        var bitmap = new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
        String decoded = new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE,
                DecodeHintType.CHARACTER_SET, "UTF-8")).getText();
        assertThat(decoded).isEqualTo(address);
    }

    @Test
    void the_image_is_square_at_most_twice_its_css_size_with_a_white_quiet_zone_of_four_modules() throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(QrCodes.png("https://example.org/r/1")));

        assertThat(image.getWidth()).isEqualTo(image.getHeight()).isLessThanOrEqualTo(2 * QrCodes.SIZE)
                .isGreaterThan(QrCodes.SIZE);
        // The finder pattern's dark corner is the first dark pixel on the diagonal, after four modules of white.
        int corner = 0;
        while ((image.getRGB(corner, corner) & 0xffffff) != 0) {
            corner++;
        }
        assertThat(corner % QrCodes.QUIET_ZONE).isZero();
        int scale = corner / QrCodes.QUIET_ZONE;
        assertThat(scale).as("pixels a module").isGreaterThanOrEqualTo(4);
        for (int i = 0; i < image.getWidth(); i++) {
            for (int border = 0; border < corner; border++) {
                assertThat(image.getRGB(i, border) & 0xffffff).as("top row %d, x %d", border, i).isEqualTo(0xffffff);
                assertThat(image.getRGB(border, i) & 0xffffff).as("left column %d, y %d", border, i).isEqualTo(0xffffff);
            }
        }
        assertThat(image.getWidth() % scale).as("every module the same size").isZero();
    }
}
