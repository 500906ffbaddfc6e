"""nervepath: neuropathic pain care for a patient and their clinician.

learn → screen → find the cause → treat → track → manage. The core packages
(`knowledge`, `instruments`, `clinical`, `outcomes`, `fhir`, `reports`) are plain
Python; `cli` and `web` are thin shells around them.
"""

__version__ = "0.1.0"
__all__ = ["__version__"]
