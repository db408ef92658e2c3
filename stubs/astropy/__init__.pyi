# astropy (asnkit's optional `fits` extra), only as far as asnkit and its tests use it:
# astropy.io.fits. Whether or not astropy is installed, and whichever release it is, mypy
# checks asnkit's calls against these signatures.
