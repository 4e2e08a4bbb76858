/* header */ SELECT "model_id" AS "Model", -- the model
  sum(cost_usd) "Total ""USD""" FROM "usage" -- done
