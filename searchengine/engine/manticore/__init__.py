"""The Manticore/Sphinx engine: the same interface as the Whoosh engine, over SphinxQL.

Articles are written to the real-time index of one node chosen by a stable hash of their
key; queries go to a distributed index that every node serves (its own real-time index
plus ``agent`` entries for the others). Importing this package is cheap: ``pymysql`` is
imported only by ``client``, which only the engine itself loads.
"""
