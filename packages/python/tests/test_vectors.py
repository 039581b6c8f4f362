"""Runs every case of tests/vectors/render.json (shared with the server) through the Python renderer."""

import json
import pathlib
import sys
import unittest

ROOT = pathlib.Path(__file__).resolve().parents[3]
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))

from galley_client import InvalidVariables  # noqa: E402
from galley_client.render import js_json, js_number, render_content  # noqa: E402

VECTORS = json.loads((ROOT / "tests" / "vectors" / "render.json").read_text(encoding="utf-8"))


class RenderVectors(unittest.TestCase):
    def test_vectors_exist(self) -> None:
        self.assertGreater(len(VECTORS), 20)

    def test_every_vector(self) -> None:
        for case in VECTORS:
            with self.subTest(case["name"]):
                expected = case["expected"]
                if "error" in expected:
                    with self.assertRaises(InvalidVariables) as caught:
                        render_content(case["content"], case["variables"], case.get("placeholders"))
                    self.assertEqual(caught.exception.names, expected["error"]["names"])
                    if "errors" in expected["error"]:
                        self.assertEqual(caught.exception.errors, expected["error"]["errors"])
                else:
                    messages, text = render_content(case["content"], case["variables"], case.get("placeholders"))
                    self.assertEqual({"messages": messages, "text": text}, expected)


class JavaScriptFormatting(unittest.TestCase):
    def test_numbers(self) -> None:
        cases = {1.0: "1", 2.5: "2.5", 1e21: "1e+21", 1e20: "100000000000000000000", 1e-7: "1e-7", 0.000001: "0.000001",
                 -0.0: "0", 123e-20: "1.23e-18", 5e-324: "5e-324", 2**60: "1152921504606847000", -1.5e300: "-1.5e+300"}
        for value, text in cases.items():
            with self.subTest(value):
                self.assertEqual(js_number(value), text)

    def test_json(self) -> None:
        self.assertEqual(js_json({"a": [1.0, None, True], "é": "\ud800"}), '{"a":[1,null,true],"é":"\\ud800"}')


if __name__ == "__main__":
    unittest.main()
