package org.redciudades.notification.delivery;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;

/**
 * QR codes (ZXing) as PNG images, for a message's HTML part, where they are attached inline and named by
 * {@link #CONTENT_ID}: a phone's camera app opens the address one encodes.
 *
 * <p>The PNG is written here, one bit a pixel, rather than through {@code javax.imageio}: every email of a
 * registration carries one, and ImageIO's per-pixel colour matching and per-row filter search took most of
 * notification-service's CPU in the end-to-end benchmark. The format's three chunks are short; the
 * compression is the JDK's {@code Deflater}.
 */
public final class QrCodes {

    /** The Content-ID of the image in a message ({@code <img src="cid:registration-qr">}). */
    public static final String CONTENT_ID = "registration-qr";
    /** Its size in the HTML part, in CSS pixels; the PNG is drawn at about twice that for sharp screens. */
    public static final int SIZE = 200;
    /** The light border, in modules, that readers need around the code. */
    static final int QUIET_ZONE = 4;

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private QrCodes() {
    }

    /**
     * A black-on-white PNG of {@code content} with its quiet zone, each module a whole number of pixels (so all
     * are the same size), at most {@code 2 × SIZE} pixels a side.
     */
    public static byte[] png(String content) {
        ByteMatrix modules;
        try {
            modules = Encoder.encode(content, ErrorCorrectionLevel.M, Map.of(EncodeHintType.CHARACTER_SET, "UTF-8"))
                    .getMatrix();
        } catch (WriterException e) {
            throw new IllegalArgumentException("No QR code holds " + content.length() + " characters", e);
        }
        int count = modules.getWidth() + 2 * QUIET_ZONE;
        int scale = Math.max(1, SIZE * 2 / count);
        int side = count * scale;
        int rowBytes = (side + 7) / 8;
        // Each scanline: filter type 0 (none), then the pixels, one bit each, 1 for white (grayscale, 1 bit).
        byte[] scanlines = new byte[side * (1 + rowBytes)];
        byte[] line = new byte[1 + rowBytes];
        for (int row = 0; row < count; row++) {
            Arrays.fill(line, (byte) 0xff);
            line[0] = 0;
            for (int column = 0; column < count; column++) {
                if (isDark(modules, column - QUIET_ZONE, row - QUIET_ZONE)) {
                    for (int x = column * scale; x < (column + 1) * scale; x++) {
                        line[1 + x / 8] &= (byte) ~(0x80 >>> (x % 8));
                    }
                }
            }
            for (int copy = 0; copy < scale; copy++) {
                System.arraycopy(line, 0, scanlines, (row * scale + copy) * line.length, line.length);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream(1024);
        png.writeBytes(SIGNATURE);
        chunk(png, "IHDR", ByteBuffer.allocate(13).putInt(side).putInt(side)
                .put((byte) 1).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0).array());
        chunk(png, "IDAT", deflated(scanlines));
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static boolean isDark(ByteMatrix modules, int x, int y) {
        return x >= 0 && y >= 0 && x < modules.getWidth() && y < modules.getHeight() && modules.get(x, y) == 1;
    }

    private static byte[] deflated(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 8);
        try (DeflaterOutputStream deflater = new DeflaterOutputStream(out)) {
            deflater.write(data);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("deflating into memory cannot fail", e);
        }
        return out.toByteArray();
    }

    /** A chunk: its length, type and data, and the CRC-32 of type and data. */
    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        png.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        png.writeBytes(typeBytes);
        png.writeBytes(data);
        png.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
