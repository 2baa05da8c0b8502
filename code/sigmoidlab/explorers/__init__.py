"""The book's interactive explorers: one spec each, two front ends.

========================  ===============================================================
``spec``                  each explorer's sliders, readouts and drawing
``widgets``               the ipywidgets front end, for readers running the notebooks
``static``                the kernel-free HTML/SVG front end of the static site
``web/``                  the browser script and style sheet ``static`` embeds
========================  ===============================================================
"""
