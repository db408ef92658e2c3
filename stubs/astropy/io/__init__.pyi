from astropy.io import fits as fits
