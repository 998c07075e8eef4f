#!/usr/bin/env python3
"""Writes the eval fixtures: tiny PNGs, a VLMEvalKit-style TSV, a JSONL item file and a suite.

Run from the repository root:  python3 eval/src/test/python/make_fixtures.py
Outputs: eval/src/test/resources/fixtures/ and examples/eval/. Pure standard library (no PIL/pandas);
the TSV is written the way pandas writes one (csv module, tab delimiter, minimal quoting).
"""
import base64
import csv
import json
import math
import os
import struct
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
REPO = os.path.dirname(ROOT)


def png(width, height, pixel):
    """PNG bytes of an RGB image; pixel(x, y) -> (r, g, b)."""
    rows = b"".join(b"\x00" + bytes(c for x in range(width) for c in pixel(x, y)) for y in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


WHITE = (255, 255, 255)


def red_circle(x, y):
    return (220, 30, 30) if (x - 24) ** 2 + (y - 24) ** 2 <= 14 ** 2 else WHITE


def two_squares(x, y):
    inside = (6 <= x < 20 and 10 <= y < 24) or (28 <= x < 42 and 24 <= y < 38)
    return (30, 60, 220) if inside else WHITE


def in_triangle(x, y, cx, cy, s):
    # upward triangle with apex (cx, cy - s) and base at cy + s
    return cy - s <= y <= cy + s and abs(x - cx) <= (y - (cy - s)) / 2


def three_triangles(x, y):
    inside = any(in_triangle(x, y, cx, 24, 7) for cx in (10, 24, 38))
    return (30, 160, 60) if inside else WHITE


def black_rectangle(x, y):
    # 100x80 image, rectangle x 25..75, y 20..50 (pixels) = [250, 250, 750, 625] in 0-1000
    return (0, 0, 0) if 25 <= x < 75 and 20 <= y < 50 else WHITE


def label(x, y):
    # stripes standing in for a printed label (the OCR item's answer is in its metadata)
    return (0, 0, 0) if 4 <= y < 12 and (x // 3) % 2 == 0 else WHITE


IMAGES = {
    "red_circle.png": (48, 48, red_circle),
    "two_squares.png": (48, 48, two_squares),
    "three_triangles.png": (48, 48, three_triangles),
    "rectangle.png": (100, 80, black_rectangle),
    "label.png": (48, 16, label),
}


def write_images(directory):
    os.makedirs(directory, exist_ok=True)
    data = {}
    for name, (w, h, f) in IMAGES.items():
        b = png(w, h, f)
        with open(os.path.join(directory, name), "wb") as out:
            out.write(b)
        data[name] = b
    return data


def b64(data):
    return base64.b64encode(data).decode("ascii")


def write_tsv(path, images):
    header = ["index", "image", "question", "hint", "A", "B", "C", "D", "answer", "category", "l2-category", "split"]
    rows = [
        ["0", b64(images["red_circle.png"]), "What shape is shown in the image?", "",
         "a red circle", "two blue squares", "three green triangles", "a yellow star", "A", "shape", "perception", "dev"],
        ["1", b64(images["two_squares.png"]), "How many squares are there?", "Count every blue square.",
         "1", "2", "3", "4", "B", "counting", "perception", "dev"],
        # VLMEvalKit de-duplication: the image cell names the row whose image to reuse; the question
        # holds a newline and a tab, so pandas quotes it; only three options.
        ["2", "0", "What colour is the shape?\nAnswer with the option's letter.\t(One letter.)", "nan",
         "red", "green", "blue", "", "A", "colour", "perception", "dev"],
        # two images as a Python list string
        ["3", "['%s', '%s']" % (b64(images["two_squares.png"]), b64(images["three_triangles.png"])),
         "Which image shows more shapes?", "", "the first image", "the second image", "", "", "B", "comparison",
         "reasoning", "dev"],
        # an image path relative to the TSV
        ["4", "images/three_triangles.png", 'How many "triangles" are there?', "", "2", "3", "4", "5", "B",
         "counting", "perception", "dev"],
        ["5", b64(images["three_triangles.png"]), "What colour are the triangles?", "", "green", "red", "", "", "A",
         "colour", "perception", "dev"],
    ]
    with open(path, "w", newline="", encoding="utf-8") as out:
        w = csv.writer(out, delimiter="\t", quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def user(text, image=None):
    content = []
    if image:
        content.append({"type": "image", "image": "images/" + image})
    content.append({"type": "text", "text": text})
    return [{"role": "user", "content": content}]


def write_jsonl(path, images):
    items = [
        {"id": "choice-1", "messages": user("What shape is shown?\nA. circle\nB. square\nC. triangle\n"
                                            "Answer with the option's letter.", "red_circle.png"),
         "answer": "A", "answer_type": "choice", "options": {"A": "circle", "B": "square", "C": "triangle"},
         "category": "shape", "l2_category": "perception"},
        {"id": "count-1", "messages": user("How many blue squares are in the image?", "two_squares.png"),
         "answer": "2", "answer_type": "number", "category": "counting", "l2_category": "perception"},
        {"id": "count-2", "question": "How many triangles are in the image?", "image": "images/three_triangles.png",
         "answer": 3, "answer_type": "number", "category": "counting", "l2_category": "perception"},
        {"id": "math-1", "messages": [{"role": "system", "content": "Put the final answer in \\boxed{}."},
                                      {"role": "user", "content": "Compute 1/2 + 1/4."}],
         "answer": "\\frac{3}{4}", "answer_type": "math", "category": "arithmetic", "l2_category": "reasoning"},
        {"id": "text-1", "messages": user("What colour is the circle? Answer with one word.", "red_circle.png"),
         "answer": ["red", "crimson"], "answer_type": "text", "category": "colour", "l2_category": "perception"},
        {"id": "ocr-1", "messages": user("Read the label.", "label.png"), "answer": "STEP3VL", "answer_type": "ocr",
         "category": "ocr", "l2_category": "perception"},
        {"id": "box-1", "messages": user("Locate the black rectangle. Answer with [x1, y1, x2, y2] in 0-1000 "
                                         "coordinates.", "rectangle.png"),
         "answer": [250, 250, 750, 625], "answer_type": "box", "category": "grounding", "l2_category": "perception"},
        {"id": "box-2", "messages": user("Give the pixel box of the black rectangle.", "rectangle.png"),
         "answer": "[25, 20, 75, 50]", "answer_type": "box", "metadata": {"box_format": "pixel"},
         "category": "grounding", "l2_category": "perception"},
        {"id": "point-1", "messages": user("Point at the black rectangle: answer [x, y] in 0-1000.", "rectangle.png"),
         "answer": "[250, 250, 750, 625]", "answer_type": "point", "category": "pointing", "l2_category": "perception"},
        {"id": "point-2", "messages": [{"role": "user", "content": [
            {"type": "image_url", "image_url": {"url": "data:image/png;base64," + b64(images["red_circle.png"])}},
            {"type": "text", "text": "Point at the centre of the circle: [x, y] in 0-1000."}]}],
         "answer": "[500, 500]", "answer_type": "point", "category": "pointing", "l2_category": "perception"},
    ]
    with open(path, "w", encoding="utf-8") as out:
        for item in items:
            out.write(json.dumps(item, ensure_ascii=False) + "\n")


SUITE = """# A small suite over the fixtures: run it with
#   step3vl eval --suite examples/eval/suite.yaml --endpoint http://localhost:8000/v1 --served-model step3-vl-10b
name: eval-fixtures
modes: [sere, "majority:4"]
sampling:
  temperature: 1.0
  top_p: 1.0
  max_tokens: 2048
seed: 0
prompts:
  mcq-letter:
    template: "{hint}Question: {question}\\nOptions:\\n{options}\\nAnswer with the option's letter from the given choices directly."
    hint: "Hint: {hint}\\n"
    option: "{letter}. {text}"
datasets:
  - name: mini-mcq
    path: mini.tsv
    scorer: choice
    prompt: mcq-letter
  - name: mixed
    path: items.jsonl
    scorer: auto
    scorer_options: {rel_tol: 0.01}
"""


def main():
    for base in (os.path.join(ROOT, "src", "test", "resources", "fixtures"), os.path.join(REPO, "examples", "eval")):
        images = write_images(os.path.join(base, "images"))
        write_tsv(os.path.join(base, "mini.tsv"), images)
        write_jsonl(os.path.join(base, "items.jsonl"), images)
        with open(os.path.join(base, "suite.yaml"), "w", encoding="utf-8") as out:
            out.write(SUITE)
        print("wrote", base)


if __name__ == "__main__":
    main()
