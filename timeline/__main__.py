from timeline.cli.app import main

main()
