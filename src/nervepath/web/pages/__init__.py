"""Server-rendered pages for patients and clinicians: views parse input, call one service, render."""
