"""The book's interactive explorers: one declaration each, every front end built from it.

* ``core``: sliders, readouts (formulas), scenes, and the formula language;
* ``neuron``, ``derivative``, ``steepness``, ``saturation``: one module per explorer, each
  declaring its ``SPEC`` (sliders, readouts, matplotlib drawing, browser scene);
* ``spec``: the registry :data:`~sigmoidlab.explorers.spec.EXPLORERS`;
* ``widgets``: the ipywidgets front end, for readers running the notebooks;
* ``static``: the kernel-free HTML/SVG front end of the static site;
* ``web/``: the generic browser script and style sheet ``static`` embeds.
"""
