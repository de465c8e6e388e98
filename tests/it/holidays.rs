//! Holiday data checked year by year against independent computations.
