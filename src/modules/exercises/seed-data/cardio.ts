import { steps, type SeedExercise } from './define.js'

export const cardio: SeedExercise[] = [
  {
    name: 'Treadmill Run',
    category: 'cardio',
    difficulty_level: 'beginner',
    primary_muscles: ['quadriceps', 'hamstrings', 'calves'],
    secondary_muscles: ['glutes', 'hip_flexors'],
    equipment_needed: ['treadmill'],
    description: 'Steady or interval running on a treadmill, where pace and incline are easy to control.',
    instructions: steps('Start walking for a few minutes to warm up, then raise the speed to a comfortable run.', 'Land softly under the hips with a relaxed upper body; a 1 percent incline approximates outdoor running.', 'Walk for a few minutes at the end to cool down.')
  },
  {
    name: 'Incline Treadmill Walk',
    category: 'cardio',
    difficulty_level: 'beginner',
    primary_muscles: ['glutes', 'calves'],
    secondary_muscles: ['hamstrings', 'quadriceps'],
    equipment_needed: ['treadmill'],
    description: 'Brisk walking up a steep treadmill incline: low impact and demanding on the legs and heart.',
    instructions: steps('Set a walking pace and raise the incline gradually, for example to 8 to 12 percent.', 'Walk tall without holding the handrails so the legs do the work.', 'Lower the incline for the last few minutes to cool down.')
  },
  {
    name: 'Stationary Bike',
    category: 'cardio',
    difficulty_level: 'beginner',
    primary_muscles: ['quadriceps'],
    secondary_muscles: ['glutes', 'hamstrings', 'calves'],
    equipment_needed: ['stationary_bike'],
    description: 'Indoor cycling for endurance or intervals with almost no impact on the joints.',
    instructions: steps('Adjust the saddle so the knee is slightly bent at the bottom of the pedal stroke.', 'Pedal at an easy resistance for a few minutes, then raise resistance or cadence for the main set.', 'Finish with a few easy minutes.')
  },
  {
    name: 'Rowing Machine',
    category: 'cardio',
    difficulty_level: 'intermediate',
    primary_muscles: ['full_body'],
    secondary_muscles: ['quadriceps', 'glutes', 'lats', 'upper_back', 'biceps'],
    equipment_needed: ['rowing_machine'],
    description: 'Indoor rowing that combines a leg drive, hip swing and arm pull in every stroke.',
    instructions: steps('Strap the feet in and sit tall, shins vertical, holding the handle with straight arms.', 'Push with the legs first, then swing the torso back slightly and pull the handle to the lower ribs.', 'Reverse the order on the way back: arms, then torso, then bend the knees.')
  },
  {
    name: 'Jump Rope',
    category: 'cardio',
    difficulty_level: 'beginner',
    primary_muscles: ['calves'],
    secondary_muscles: ['quadriceps', 'shoulders', 'forearms'],
    equipment_needed: ['jump_rope'],
    description: 'Skipping rope: quick, light hops that raise the heart rate and train foot speed.',
    instructions: steps('Hold the handles at hip height and turn the rope with the wrists, not the arms.', 'Jump just high enough to clear the rope, landing softly on the balls of the feet.', 'Work in rounds, for example 30 to 60 seconds with short rests.')
  },
  {
    name: 'Jumping Jack',
    category: 'cardio',
    difficulty_level: 'beginner',
    primary_muscles: ['full_body'],
    secondary_muscles: ['calves', 'shoulders', 'abductors', 'adductors'],
    equipment_needed: ['none'],
    description: 'A rhythmic jump opening and closing the arms and legs, common in warm-ups.',
    instructions: steps('Stand with feet together and arms at the sides.', 'Jump the feet out wide while raising the arms overhead.', 'Jump back to the start and keep a steady rhythm.')
  },
  {
    name: 'Mountain Climber',
    category: 'cardio',
    difficulty_level: 'beginner',
    primary_muscles: ['abs', 'hip_flexors'],
    secondary_muscles: ['shoulders', 'quadriceps'],
    equipment_needed: ['none'],
    description: 'Alternately driving the knees toward the chest from a push-up position.',
    instructions: steps('Start in a high plank with hands under the shoulders.', 'Drive one knee toward the chest, then switch legs quickly, like running in place.', 'Keep the hips level with the shoulders throughout.')
  },
  {
    name: 'Burpee',
    category: 'cardio',
    difficulty_level: 'intermediate',
    primary_muscles: ['full_body'],
    secondary_muscles: ['chest', 'quadriceps', 'triceps', 'abs'],
    equipment_needed: ['none'],
    description: 'A squat thrust with a push-up and a jump, a demanding full-body conditioning drill.',
    instructions: steps('From standing, squat and place the hands on the floor.', 'Jump the feet back into a plank and do a push-up.', 'Jump the feet back to the hands and leap up with the arms overhead.')
  },
  {
    name: 'Battle Rope Waves',
    category: 'cardio',
    difficulty_level: 'intermediate',
    primary_muscles: ['shoulders'],
    secondary_muscles: ['forearms', 'abs', 'upper_back'],
    equipment_needed: ['battle_ropes'],
    description: 'Fast alternating waves with heavy ropes, an upper-body interval drill.',
    instructions: steps('Hold one rope end in each hand and stand in a half squat, arms in front.', 'Move the arms up and down alternately and quickly to send waves down the ropes.', 'Work in short intervals such as 20 to 30 seconds with rest between.')
  },
  {
    name: 'High Knees',
    category: 'cardio',
    difficulty_level: 'beginner',
    primary_muscles: ['hip_flexors', 'quadriceps'],
    secondary_muscles: ['calves', 'abs'],
    equipment_needed: ['none'],
    description: 'Running in place while lifting the knees to hip height.',
    instructions: steps('Stand tall and start jogging on the spot.', 'Drive each knee up to about hip height while pumping the arms.', 'Stay on the balls of the feet and keep a quick rhythm.')
  }
]
