"""Who reads the indicators: cluster staff (records of every area are behind them)."""

import rules

from biocluster.accounts.rules import is_cluster_staff

rules.add_perm("indicators.view_indicators", is_cluster_staff)
rules.add_perm("indicators.enter_historical_value", is_cluster_staff)
