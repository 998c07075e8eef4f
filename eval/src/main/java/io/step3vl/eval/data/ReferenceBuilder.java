package io.step3vl.eval.data;

import io.step3vl.common.UserError;
import io.step3vl.eval.score.AnswerType;
import io.step3vl.eval.score.CoordinateFormat;
import io.step3vl.eval.score.Reference;
import io.step3vl.inference.ImageData;
import java.util.List;
import java.util.Map;

/**
 * Builds an item's {@link Reference}: the image size for boxes and points from
 * {@code metadata.image_width/image_height} or {@code metadata.image_size}, else the first image's
 * header; a pointing item's {@code metadata.bbox} becomes an accepted region (point-in-box).
 */
final class ReferenceBuilder {
    private ReferenceBuilder() {}

    static Reference build(List<String> answers, AnswerType type, Map<String, String> options,
                           Map<String, Object> metadata, List<ImageData> images, String where) {
        if (answers.isEmpty() || answers.stream().allMatch(String::isBlank)) {
            throw new UserError(where + ": answer: expected a non-empty reference answer");
        }
        if (type == AnswerType.CHOICE && options.isEmpty() && !answers.get(0).strip().matches("[A-Ja-j]")) {
            throw new UserError(where + ": options: a choice item whose answer is not a letter needs options");
        }
        CoordinateFormat format = CoordinateFormat.NORM1000;
        Object f = metadata.get("box_format");
        if (f != null) {
            format = CoordinateFormat.parse(f.toString(), where + ": metadata.box_format");
        }
        int width = intOf(metadata.get("image_width"), where + ": metadata.image_width");
        int height = intOf(metadata.get("image_height"), where + ": metadata.image_height");
        if ((width == 0 || height == 0) && metadata.get("image_size") instanceof List<?> size && size.size() == 2) {
            width = intOf(size.get(0), where + ": metadata.image_size[0]");
            height = intOf(size.get(1), where + ": metadata.image_size[1]");
        }
        List<String> accepted = answers;
        if (type == AnswerType.POINT && metadata.get("bbox") instanceof List<?> box && box.size() == 4) {
            // A pointing item with its object's box: the usual metric is "the point lies in the box".
            accepted = new java.util.ArrayList<>(answers);
            accepted.add(box.toString());
        }
        if ((width == 0 || height == 0) && (type == AnswerType.BOX || type == AnswerType.POINT) && !images.isEmpty()) {
            int[] size = ItemImages.size(images.get(0));
            if (size != null) {
                width = size[0];
                height = size[1];
            }
        }
        if (format == CoordinateFormat.PIXEL && (width == 0 || height == 0)) {
            throw new UserError(where + ": metadata: a pixel box_format needs image_width and image_height "
                    + "(or a readable first image)");
        }
        return new Reference(accepted, type, options, width, height, format);
    }

    private static int intOf(Object v, String where) {
        if (v == null || v.toString().isBlank()) {
            return 0;
        }
        try {
            double d = Double.parseDouble(v.toString().trim());
            if (d >= 0 && d == Math.rint(d) && d < Integer.MAX_VALUE) {
                return (int) d;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UserError(where + ": expected a non-negative integer, got '" + v + "'");
    }
}
