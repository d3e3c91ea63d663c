"""政策文件阅读器: read, search and annotate compilations of Chinese policy documents."""

__version__ = "0.1.0"
