from kmplan.pipeline.cli import app

app(prog_name="kmplan")
