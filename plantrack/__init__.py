"""plantrack: are the targets that governments write into their plans being met?"""

__version__ = "0.1.0"
