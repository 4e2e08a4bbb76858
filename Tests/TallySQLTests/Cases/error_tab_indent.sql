SELECT count(*)
FROM usage
WHERE	model_id	=	'x' AND ts > now()
